CREATE TABLE `research_results` (
	`job_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`url` text NOT NULL,
	`snippet` text NOT NULL,
	`source` text NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`job_id`, `position`),
	FOREIGN KEY (`job_id`) REFERENCES `research_searches`(`job_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `research_searches` (
	`job_id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`project_id` text NOT NULL,
	`query` text NOT NULL,
	`normalized` text NOT NULL,
	`count` integer NOT NULL,
	`page_offset` integer NOT NULL,
	`provider` text,
	`cached` integer DEFAULT false NOT NULL,
	`result_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `research_searches_project` ON `research_searches` (`owner_id`,`project_id`,`created_at`,`job_id`);--> statement-breakpoint
CREATE INDEX `research_searches_owner_created` ON `research_searches` (`owner_id`,`created_at`);