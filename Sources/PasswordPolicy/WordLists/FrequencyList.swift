/// The ranked word lists the strength estimator and the bundled blocklist use, with their number in a
/// ``RankedWordTable``.
enum FrequencyList: Int, CaseIterable, Sendable {
    /// The 100,000 most common passwords in Have I Been Pwned (UK NCSC).
    case passwords = 0
    /// The 30,000 most frequent words of English Wikipedia (from zxcvbn).
    case englishWikipedia
    /// US female first names (from zxcvbn, 1990 US census).
    case femaleNames
    /// US male first names (from zxcvbn, 1990 US census).
    case maleNames
    /// US surnames (from zxcvbn, 2000 US census).
    case surnames
    /// Words of US television and film subtitles (from zxcvbn).
    case usTVAndFilm
    /// The words a caller passes as user inputs; never bundled, matched per estimate.
    case userInputs

    /// The lists that are bundled as resources.
    static let bundled: [FrequencyList] = [
        .passwords, .englishWikipedia, .femaleNames, .maleNames, .surnames, .usTVAndFilm,
    ]

    /// The order in which zxcvbn consults its lists, which breaks ties between equal ranks.
    var order: Int {
        switch self {
        case .passwords: 0
        case .englishWikipedia: 1
        case .femaleNames: 2
        case .surnames: 3
        case .usTVAndFilm: 4
        case .maleNames: 5
        case .userInputs: 6
        }
    }

    /// The resource file's base name in `Resources/WordLists`.
    var resourceName: String {
        switch self {
        case .passwords: "passwords"
        case .englishWikipedia: "english_wikipedia"
        case .femaleNames: "female_names"
        case .maleNames: "male_names"
        case .surnames: "surnames"
        case .usTVAndFilm: "us_tv_and_film"
        case .userInputs: "user_inputs"
        }
    }
}
