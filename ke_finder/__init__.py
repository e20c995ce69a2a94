"""KE finder core: data in, model out. Knows nothing of MkDocs."""
