-- Full-text search over the caller's own artifacts (titles and latest bodies). Drizzle cannot
-- describe FTS5 virtual tables, so this migration is written by hand.
-- * Each row's rowid is its artifact's rowid: updates and deletes find it by key, not by a scan.
-- * `owner` is an indexed column on purpose: queries match owner:"<id>" AND (terms), so the FTS index
--   itself narrows to one user's rows instead of filtering every user's matches afterwards.
CREATE VIRTUAL TABLE `artifact_search` USING fts5(
	`owner`,
	`title`,
	`body`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Deletes of every kind (the artifact, its project, its owner's account) cascade here too.
CREATE TRIGGER `artifact_search_cleanup` AFTER DELETE ON `artifacts` BEGIN
	DELETE FROM `artifact_search` WHERE rowid = old.rowid;
END;
