import Foundation
import ImpactQuery
import ImpactTestSupport
import Testing

private let named = [try! NamedQuery(file: "t.sql", sql: "-- name: reach-by-region\n-- description: d\n-- param: year = 2024\nSELECT :year")]

@Test func aNamedQuerysNameWinsOverEverythingElse() throws {
    #expect(try QuerySource.resolve("reach-by-region", namedQueries: named) == .named(named[0]))
    #expect(try QuerySource.resolve("reach-by-region", namedQueries: named).query(with: [:]).parameters == ["year": "2024"])
}

@Test func aSQLFileIsReadWhenItExistsAndNamedWhenItDoesNot() throws {
    try withTemporaryFolder { folder in
        let path = folder.appendingPathComponent("question.sql").path
        try Data("SELECT :x".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try QuerySource.resolve(path, namedQueries: named) == .file(path: path, sql: "SELECT :x"))
        let missing = folder.appendingPathComponent("absent.sql").path
        #expect(throws: QueryError.unreadableFile(missing, reason: "no such file")) { _ = try QuerySource.resolve(missing, namedQueries: named) }
    }
}

@Test(arguments: ["SELECT 1", "select * from cohorts", "VALUES(1)", "WITH x AS (SELECT 1) SELECT * FROM x"])
func anythingElseIsSQL(argument: String) throws {
    #expect(try QuerySource.resolve(argument, namedQueries: named) == .literal(argument))
}

@Test func aSingleWordThatNamesNothingIsAMistypedName() {
    #expect(throws: QueryError.unknownNamedQuery("reach-by-regoin", known: ["reach-by-region"])) {
        _ = try QuerySource.resolve("reach-by-regoin", namedQueries: named)
    }
}
