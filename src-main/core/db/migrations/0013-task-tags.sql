-- Tags on tasks: a JSON array of short labels ("briefing", "repo-x") people filter and search by.
ALTER TABLE tasks ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(tags) AND json_type(tags) = 'array');
