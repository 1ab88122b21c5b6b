"""The GraphQL layer: types generated from graph.schema, per-request DataLoaders, root fields, limits."""
