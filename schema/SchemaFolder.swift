// The one Swift file of the `ImpactSchema` target, whose path is this folder: it bundles the
// folder's files as resources (Package.swift) and says where they are. Only ImpactStore reads it.
public import Foundation

/// The bundled copy of `schema/`: `migrations/` (the numbered migrations) and `dictionary.yaml`.
public enum SchemaFolder {
    /// The folder of the bundled files, if the bundle is in place.
    public static var url: URL? { Bundle.module.resourceURL }
}
