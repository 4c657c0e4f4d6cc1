-- The block collector asks which block hashes some version still references.
CREATE INDEX object_version_hashes ON object_version USING gin (hashes);
