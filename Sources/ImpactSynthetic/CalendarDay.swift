/// A calendar day counted from 1970-01-01 (proleptic Gregorian), for date arithmetic without
/// Foundation's calendars and time zones.
///
/// Conversions: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil, civil_from_days).
struct CalendarDay: Equatable, Comparable {
    /// Days since 1970-01-01.
    let number: Int

    init(number: Int) {
        self.number = number
    }

    /// The day `year`-`month`-`day`; the month and day must form a real date.
    init(year: Int, month: Int, day: Int) {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month and day.
    var components: (year: Int, month: Int, day: Int) {
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The ISO 8601 form `YYYY-MM-DD` as UTF-8 bytes (years 0–9999).
    var isoBytes: [UInt8] {
        let (year, month, day) = components
        var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: 10)
        func put(_ value: Int, at offset: Int, digits: Int) {
            var rest = value
            for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
        put(year, at: 0, digits: 4)
        put(month, at: 5, digits: 2)
        put(day, at: 8, digits: 2)
        return bytes
    }

    static func + (day: CalendarDay, days: Int) -> CalendarDay {
        CalendarDay(number: day.number + days)
    }

    static func - (day: CalendarDay, days: Int) -> CalendarDay {
        CalendarDay(number: day.number - days)
    }

    static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        lhs.number < rhs.number
    }
}
