// The one Swift file of the `ImpactQueries` target, whose path is this folder: it bundles the
// folder's files as resources (Package.swift) and says where they are. Only ImpactStore reads it.
public import Foundation

/// The bundled copy of `queries/`: `named/` (the named queries users run), `check/` (the
/// data-quality checks), `engine/` (the engine's own SQL) and `metrics.yaml` (the metric registry).
public enum QueryFolder {
    /// The folder of the bundled files, if the bundle is in place.
    public static var url: URL? { Bundle.module.resourceURL }
}
