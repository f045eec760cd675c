CREATE TABLE `artifact_versions` (
	`artifact_id` text NOT NULL,
	`version` integer NOT NULL,
	`r2_key` text NOT NULL,
	`bytes` integer NOT NULL,
	`source` text NOT NULL,
	`job_id` text,
	`note` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`artifact_id`, `version`),
	FOREIGN KEY (`artifact_id`) REFERENCES `artifacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `artifact_versions_job` ON `artifact_versions` (`job_id`);--> statement-breakpoint
CREATE TABLE `artifacts` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`project_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`latest_version` integer DEFAULT 0 NOT NULL,
	`share_token_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `artifacts_owner_updated` ON `artifacts` (`owner_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `artifacts_project_type` ON `artifacts` (`project_id`,`type`);--> statement-breakpoint
CREATE UNIQUE INDEX `artifacts_share` ON `artifacts` (`share_token_hash`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`project_id` text,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`input` text NOT NULL,
	`result` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `jobs_owner_created` ON `jobs` (`owner_id`,`created_at`);