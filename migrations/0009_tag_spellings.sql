CREATE TABLE `tag_spellings` (
	`spelling` text NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`spelling`, `tag_id`),
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The tags that exist already, under their own names and every one-letter-shorter form.
WITH RECURSIVE cut(id, name, i) AS (
	SELECT `id`, `name`, 0 FROM `tags`
	UNION ALL SELECT id, name, i + 1 FROM cut WHERE i < length(name)
)
INSERT OR IGNORE INTO `tag_spellings` (`spelling`, `tag_id`)
SELECT CASE WHEN i = 0 THEN name ELSE substr(name, 1, i - 1) || substr(name, i + 1) END, id FROM cut
WHERE i = 0 OR length(name) > 1;
