public import ImpactIngest

/// A hasher with a fixed test key, so that no key file is read or made.
public let testHasher = KeyedHasher(environment: ["IMPACT_ID_KEY": "test-key-0123456789abcdef"])
