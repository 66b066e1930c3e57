-- The kinds of entity grow with the programme (organisations, providers, escorts, delegates…);
-- the application's registry (server/entities/kinds.ts) is the one list of them, so the column
-- no longer repeats it in a CHECK that every new kind would have to replace.
ALTER TABLE entities DROP CONSTRAINT IF EXISTS entities_kind_check;
