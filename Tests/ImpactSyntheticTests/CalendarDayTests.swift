import Testing
@testable import ImpactSynthetic

/// Day numbers from Python 3.12 `(date(y, m, d) - date(1970, 1, 1)).days`.
@Test(arguments: [(1970, 1, 1, 0), (2000, 3, 1, 11_017), (2024, 2, 29, 19_782), (1900, 1, 1, -25_567), (2200, 12, 31, 84_370)])
func dayNumbersMatchTheGregorianCalendar(year: Int, month: Int, day: Int, number: Int) {
    let calendarDay = CalendarDay(year: year, month: month, day: day)
    #expect(calendarDay.number == number)
    #expect(calendarDay.components == (year, month, day))
}

@Test func arithmeticCrossesMonthsYearsAndLeapDays() {
    #expect(String(decoding: (CalendarDay(year: 2024, month: 2, day: 28) + 1).isoBytes, as: UTF8.self) == "2024-02-29")
    #expect(String(decoding: (CalendarDay(year: 2023, month: 2, day: 28) + 1).isoBytes, as: UTF8.self) == "2023-03-01")
    #expect(String(decoding: (CalendarDay(year: 2025, month: 1, day: 3) - 10).isoBytes, as: UTF8.self) == "2024-12-24")
}
