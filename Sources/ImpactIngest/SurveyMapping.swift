extension Importer {
    /// Imports a wide survey export described by the YAML mapping at `path`.
    public func importSurvey(mappingAt path: String) throws -> ImportSummary {
        throw IngestError.mapping(file: path, message: "survey mappings are not supported yet")
    }
}
