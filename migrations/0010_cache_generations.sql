CREATE TABLE `cache_generations` (
	`family` text PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL
);
