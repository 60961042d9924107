/// A negative number given to a numeric option (`--limit -1`, `--timeout -1`) reaches that
/// option's own check ("--limit must be between 1 and 10000") instead of ArgumentParser's
/// misleading "Missing value", which it says because it reads `-1` as an option.
enum NumericArguments {
    /// The options that take a number, with the long name each is joined under.
    static let options: [String: String] = [
        "-l": "--limit", "--limit": "--limit", "--offset": "--offset", "--timeout": "--timeout",
        "--fragments": "--fragments", "--snippet-words": "--snippet-words", "--wait": "--wait",
        "--changes-since": "--changes-since", "--max-bytes": "--max-bytes",
    ]

    /// `arguments` with each `OPTION -NUMBER` (before `--`) joined as `--option=-NUMBER`.
    static func joined(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return result + arguments[index...] }
            if let long = options[argument], index + 1 < arguments.count,
                isNegativeNumber(arguments[index + 1])
            {
                result.append(long + "=" + arguments[index + 1])
                index += 2
            } else {
                result.append(argument)
                index += 1
            }
        }
        return result
    }

    /// `-1`, `-0.5`, `-.5`, `-1e3`, `-inf`, `-nan`.
    static func isNegativeNumber(_ argument: String) -> Bool {
        guard argument.hasPrefix("-") else { return false }
        let rest = argument.dropFirst().lowercased()
        if let first = rest.first, first.isNumber || first == "." { return true }
        return ["inf", "infinity", "nan"].contains(rest)
    }
}
