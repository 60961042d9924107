import Foundation
import Testing

@testable import LBSearchCore

/// Each ranking constant is declared once: the `settings` table covers every stored property,
/// and the `k=v` parser and the spec encoding both work from it.
struct RankingParametersTests {
    @Test func everyStoredPropertyHasOneSetting() {
        let properties = Mirror(reflecting: RankingParameters()).children.compactMap(\.label)
        let names = RankingParameters.settings.map(\.name)
        #expect(names.sorted() == properties.sorted())
        #expect(Set(names).count == names.count)
    }

    /// A value other than the default, of the setting's kind (flags flip, counts stay whole).
    func changed(_ setting: RankingParameters.Setting) -> Double {
        let value = setting.get(RankingParameters())
        return value == 0 ? 1 : (value == 1 ? 0 : value + 3)
    }

    @Test(arguments: RankingParameters.settings.map(\.name))
    func settingIsParsedAndCarriedBySpecWhenScoring(name: String) throws {
        let setting = try #require(RankingParameters.settings.first { $0.name == name })
        let value = changed(setting)
        let parameters = try RankingParameters(overrides: "\(name)=\(value)")
        #expect(setting.get(parameters) == value)
        let decoded = try #require(
            RankingSpec(encoded: RankingSpec(parameters: parameters).encoded))
        let carried = setting.scoring ? value : setting.get(RankingParameters())
        #expect(setting.get(decoded.parameters) == carried)
    }

    /// k1 is 2, the top of the published range 1.2–2, as leave-one-collection-out chose it
    /// between the range's ends (`scripts/eval --loco 'default k1=1.2'`).
    @Test func k1IsTheTopOfThePublishedRange() {
        #expect(RankingParameters().k1 == 2)
    }

    @Test(arguments: ["k1=nan", "feedbackTerms=inf", "k1", "=1", "k1=x"])
    func badOverridesAreErrors(text: String) {
        #expect(throws: LBSearchError.self) { try RankingParameters(overrides: text) }
    }
}
