/// Years ("1987", "2024") and dates with or without separators ("13.05.1987", "130587", "1987-5-13").
enum DateMatching {
    /// Years beyond this range are not read as dates.
    static let yearRange = 1000...2050
    /// The fewest years an attacker is assumed to try around the reference year.
    static let minimumYearSpace = 20

    /// The most scalars a date spans ("1987-05-13" and "13051987" fit; see the windows below).
    private static let longestDate = 10

    /// Characters that separate the parts of a date.
    private static let separators = ASCIISet(" \t/\\_.-")

    /// Where a digit string without separators may be split into three numbers, by its length.
    private static let splits: [[(Int, Int)]] = [
        [], [], [], [],
        [(1, 2), (2, 3)],
        [(1, 3), (2, 3)],
        [(1, 2), (2, 4), (4, 5)],
        [(1, 3), (2, 3), (4, 5), (4, 6)],
        [(2, 4), (4, 6)],
    ]

    /// Appends every non-overlapping "19xx" or "20xx", scanning from the left.
    static func recentYearMatches(
        in password: [Unicode.Scalar], referenceYear: Int, into matches: inout [StrengthMatch]
    ) {
        var i = 0
        while i + 4 <= password.count {
            if let year = number(password[i..<i + 4]), (1900...2099).contains(year) {
                let space = max(abs(year - referenceYear), minimumYearSpace)
                matches.append(
                    StrengthMatch(
                        i: i, j: i + 3, pattern: .recentYear, rawGuesses: Double(space), passwordLength: password.count)
                )
                i += 4
            } else {
                i += 1
            }
        }
    }

    /// Appends every date that is not inside a longer date.
    static func matches(in password: [Unicode.Scalar], referenceYear: Int, into matches: inout [StrengthMatch]) {
        var found: [(i: Int, j: Int, year: Int, separated: Bool)] = []
        let n = password.count
        var digitRun = [Int](repeating: 0, count: n + 1)  // digits starting at each index
        for k in stride(from: n - 1, through: 0, by: -1) {
            digitRun[k] = password[k].value &- 0x30 < 10 ? digitRun[k + 1] + 1 : 0
        }
        for i in 0..<max(n - 3, 0) where digitRun[i] >= 4 {
            for j in (i + 3)..<min(i + 8, i + digitRun[i], n) {
                let token = password[i...j]
                var best: Int?
                for (k, l) in splits[token.count] {
                    let a = number(token.prefix(k))!
                    let b = number(token.dropFirst(k).prefix(l - k))!
                    let c = number(token.dropFirst(l))!
                    guard let year = year(ofDay: a, b, c) else { continue }
                    if best == nil || abs(year - referenceYear) < abs(best! - referenceYear) { best = year }
                }
                if let best { found.append((i, j, best, false)) }
            }
        }
        for i in 0..<max(n - 5, 0) where digitRun[i] >= 1 && digitRun[i] <= 4 {
            for j in (i + 5)..<min(i + 10, n) where digitRun[j] >= 1 {
                guard let year = separatedDateYear(password[i...j]) else { continue }
                found.append((i, j, year, true))
            }
        }
        // A date lies inside another only if that one starts at most `longestDate - 1` scalars before
        // it ends: look only there (dates by start, in buckets), so this is linear in the dates found
        // rather than quadratic (a hundred digits hold several hundred candidate dates).
        var byStart = [[Int]](repeating: [], count: n)
        for (index, date) in found.enumerated() { byStart[date.i].append(index) }
        for (index, date) in found.enumerated() {
            let inside = (max(0, date.j - longestDate + 1)...date.i).contains { start in
                byStart[start].contains { other in other != index && found[other].j >= date.j }
            }
            if inside { continue }
            let space = Double(max(abs(date.year - referenceYear), minimumYearSpace))
            matches.append(
                StrengthMatch(
                    i: date.i, j: date.j, pattern: .date, rawGuesses: space * 365 * (date.separated ? 4 : 1),
                    passwordLength: n))
        }
    }

    /// `(\d{1,4}) sep (\d{1,2}) sep (\d{1,4})` with the same separator twice; the year, if a date.
    private static func separatedDateYear(_ token: ArraySlice<Unicode.Scalar>) -> Int? {
        guard let first = token.firstIndex(where: separators.contains) else { return nil }
        let separator = token[first]
        let rest = token[(first + 1)...]
        guard let second = rest.firstIndex(of: separator) else { return nil }
        let a = token[token.startIndex..<first]
        let b = token[(first + 1)..<second]
        let c = token[(second + 1)...]
        guard (1...4).contains(a.count), (1...2).contains(b.count), (1...4).contains(c.count),
            let x = number(a), let y = number(b), let z = number(c)
        else { return nil }
        return year(ofDay: x, y, z)
    }

    /// The ASCII digits of `digits` as a number, or nil if any is not a digit.
    private static func number(_ digits: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for scalar in digits {
            guard scalar.value >= 0x30 && scalar.value <= 0x39 else { return nil }
            value = value * 10 + Int(scalar.value - 0x30)
        }
        return value
    }

    /// The four-digit year if three numbers read as day, month and year in some order
    /// (year first or last; day and month either way round), else nil.
    private static func year(ofDay a: Int, _ b: Int, _ c: Int) -> Int? {
        let ints = [a, b, c]
        if b > 31 || b <= 0 { return nil }
        var over12 = 0
        var over31 = 0
        var under1 = 0
        for value in ints {
            if (value > 99 && value < yearRange.lowerBound) || value > yearRange.upperBound { return nil }
            if value > 31 { over31 += 1 }
            if value > 12 { over12 += 1 }
            if value <= 0 { under1 += 1 }
        }
        if over31 >= 2 || over12 == 3 || under1 >= 2 { return nil }
        let candidates = [(c, (a, b)), (a, (b, c))]
        for (year, rest) in candidates where yearRange.contains(year) {
            return isDayMonth(rest) ? year : nil
        }
        for (year, rest) in candidates where isDayMonth(rest) {
            return year > 99 ? year : year > 50 ? year + 1900 : year + 2000
        }
        return nil
    }

    private static func isDayMonth(_ pair: (Int, Int)) -> Bool {
        ((1...31).contains(pair.0) && (1...12).contains(pair.1))
            || ((1...31).contains(pair.1) && (1...12).contains(pair.0))
    }
}
