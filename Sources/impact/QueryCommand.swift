import ArgumentParser
import Foundation
import ImpactQuery
import ImpactStore

struct QueryCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one read-only SQL statement, a .sql file or a named query, and print the result.",
        discussion: """
            The argument is a named query when it is one's name (impact queries lists them), else \
            a file when it ends in .sql and exists, else SQL. Exactly one statement runs, on a \
            connection SQLite opens read-only: a statement that would write (INSERT, DELETE, DROP, \
            ATTACH, a PRAGMA that sets) or a second statement is refused and nothing changes, and \
            so is a function that reaches into the program (fts3_tokenizer, load_extension, fts5). \
            Parameters are named in the SQL (:year) and given with --param year=2024; values are \
            bound, never spliced into the SQL, as text (SQLite converts them where they meet a \
            number column; write CAST(:n AS INTEGER) elsewhere); an empty value is NULL. \
            impact schema describes every table, view and column.

            Formats: table (aligned), csv (RFC 4180 with LF line ends; NULL is empty), json (an \
            array of objects; numbers as numbers, NULL as null, and inf as null since JSON has \
            none), markdown (a GitHub table; every value reads as text, never as a link, image or \
            HTML). csv and json write every row as it comes; a table shows at most \
            \(ResultWriter.tableRowLimit) rows and \(ResultWriter.tableCellLimit) characters of a \
            value, and says what it cut. See docs/queries.md.

            SQL that starts with a -- comment looks like an option: put -- before it \
            (impact query -- "-- my note" …), or keep it in a .sql file.

            Examples:
              impact query "SELECT programme_id, year, count(*) FROM cohorts GROUP BY 1, 2"
              impact query reach-by-region --param year=2024
              impact query my-question.sql --param programme=IN2R --format csv > answer.csv
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("SQL, a .sql file, or the name of a named query.", valueName: "sql-or-file"))
    var sqlOrFile: String

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter's value (repeatable); an empty value is NULL.", valueName: "name=value"))
    var parameters: [String] = []

    @OptionGroup var output: QueryFormatOption

    @Flag(name: .customLong("raw-csv"), help: "With --format csv, write text as it is: a cell beginning with =, +, -, @, a tab or a carriage return is otherwise given a leading ' so that a spreadsheet shows it rather than running it (numbers stay numbers).")
    var rawCSV = false

    func validate() throws {
        if sqlOrFile.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("give SQL, a .sql file or a named query (impact queries lists them)")
        }
    }

    func run() throws {
        var values: [String: String] = [:]
        for argument in parameters {
            let assignment = try Assignment(parsing: argument, option: "--param")
            if values[assignment.name] != nil {
                throw CommandFailure("--param \(assignment.name) is given twice")
            }
            values[assignment.name] = assignment.value
        }
        let source = try QuerySource.resolve(sqlOrFile, namedQueries: NamedQuery.all())
        let query = try source.query(with: values)
        let store = try ReadOnlyStore.open(at: database.path)
        let printer = QueryOutput()
        do {
            var writer: ResultWriter?
            try query.run(store, columns: { writer = ResultWriter(format: output.format, columns: $0, rawCSV: rawCSV, output: printer.write) },
                          row: { writer?.append($0) })
            writer?.finish()
        }
        try printer.flush()
    }
}
