import CZlib
import Foundation

/// Decompresses gzip data (RFC 1952) with the system zlib.
///
/// Several concatenated members, as `cat a.gz b.gz` makes, are read as one stream, like
/// `gzip -d` does.
public enum Gzip {
    /// The decompressed bytes, or nil when `data` is not valid gzip (or zlib) data.
    public static func decompress(_ data: Data) -> Data? {
        let (output, intact) = inflate(data)
        return intact ? output : nil
    }

    /// Every byte that decompresses before the end of `data` or its first damage.
    ///
    /// `intact` is false when the stream was damaged or cut short: a file cut short (a download
    /// stopped part-way) keeps what came before the cut.
    public static func inflate(_ data: Data) -> (output: Data, intact: Bool) {
        guard !data.isEmpty else { return (Data(), true) }
        var stream = z_stream()
        // 15 + 32: the largest window, with gzip or zlib header detected automatically (zlib.h).
        guard
            inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
                == Z_OK
        else {
            return (Data(), false)
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let input = [UInt8](data)
        let intact = input.withUnsafeBufferPointer { source -> Bool in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                switch status {
                case Z_STREAM_END:
                    if stream.avail_in == 0 { return true }
                    guard inflateReset(&stream) == Z_OK else { return false }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_out > 0 && stream.avail_in == 0:
                    return false  // truncated
                case Z_BUF_ERROR:
                    continue
                default:
                    return false
                }
            }
        }
        return (output, intact)
    }
}
