/// A store that answers questions (`impact query`, `impact metric`, `impact schema`): read-only
/// SQL with parameters bound by name, the engine's own metric SQL, and the schema's columns.
///
/// A backend keeps questions from changing anything whatever their SQL: it refuses, before
/// anything runs, a second statement, a statement that is not read-only, and what its
/// authorizer forbids (functions that reach into the program, ATTACH, a PRAGMA that sets), and
/// reads on a connection that cannot write.
public protocol QuestionBackend: Sendable {
    /// Runs `body` in one read-only transaction: every question it asks sees the same data.
    func readQuestions<T>(_ body: (any QuestionReader) throws -> T) throws -> T
}

/// One read-only transaction of a ``QuestionBackend``, valid only inside the call that gave it.
public protocol QuestionReader {
    /// The named parameters the first statement of `sql` uses, in order of first use (without
    /// `:`, `@` or `$`). Throws ``QuestionRefusal``.
    func parameterNames(of sql: String) throws -> [String]

    /// The one statement of `sql` compiled and checked to only read; throws ``QuestionRefusal``
    /// for SQL that holds no statement or more than one, or a statement that would write, is
    /// refused by the authorizer, or does not compile.
    func prepareQuestion(_ sql: String) throws -> any PreparedQuestion

    /// Runs the engine's own read-only SQL with `arguments` bound by position; `body` gets each
    /// row's values (the array is reused: copy what must outlive the call).
    func forEachRow(_ sql: String, arguments: [ResultValue], _ body: ([ResultValue]) throws -> Void) throws

    /// Every column of every table and view (the database's own tables excepted): tables
    /// first, then views, each by name; columns in their order.
    func schemaColumns() throws -> [SchemaColumn]
}

/// A question's statement, compiled and checked to only read (``QuestionReader/prepareQuestion(_:)``).
public protocol PreparedQuestion {
    /// The result's column names, in order.
    var columnNames: [String] { get }
    /// The named parameters, in order of first use.
    var parameterNames: [String] { get }

    /// Binds `values` by name (nil: NULL). Throws ``QuestionRefusal`` for a value of a parameter
    /// the statement does not use, or a parameter left without one.
    func bind(_ values: [String: String?]) throws

    /// Runs the statement; `row` gets each row's values. Throws ``QuestionRefusal`` for a
    /// failure of the statement.
    func run(row: ([ResultValue]) throws -> Void) throws
}
