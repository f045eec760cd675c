CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`event` text NOT NULL,
	`actor_id` text,
	`subject_id` text,
	`request_id` text,
	`client` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_actor` ON `audit_log` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_event` ON `audit_log` (`event`,`at`);--> statement-breakpoint
CREATE TABLE `creation_tags` (
	`tag_id` integer NOT NULL,
	`creation_id` text NOT NULL,
	`rank` real DEFAULT 0 NOT NULL,
	`creativity_avg` real DEFAULT 0 NOT NULL,
	`uniqueness_avg` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tag_id`, `creation_id`),
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`creation_id`) REFERENCES `creations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `creation_tags_creation` ON `creation_tags` (`creation_id`);--> statement-breakpoint
CREATE INDEX `creation_tags_rank` ON `creation_tags` (`tag_id`,`rank`,`creation_id`);--> statement-breakpoint
CREATE INDEX `creation_tags_creativity` ON `creation_tags` (`tag_id`,`creativity_avg`,`creation_id`);--> statement-breakpoint
CREATE INDEX `creation_tags_uniqueness` ON `creation_tags` (`tag_id`,`uniqueness_avg`,`creation_id`);--> statement-breakpoint
CREATE TABLE `creations` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`image_key` text,
	`image_type` text,
	`image_width` integer,
	`image_height` integer,
	`image_bytes` integer,
	`tags` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`score_count` integer DEFAULT 0 NOT NULL,
	`creativity_sum` integer DEFAULT 0 NOT NULL,
	`uniqueness_sum` integer DEFAULT 0 NOT NULL,
	`creativity_avg` real DEFAULT 0 NOT NULL,
	`uniqueness_avg` real DEFAULT 0 NOT NULL,
	`rank` real DEFAULT 0 NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `creations_owner` ON `creations` (`owner_id`,`id`);--> statement-breakpoint
CREATE INDEX `creations_rank` ON `creations` (`rank`,`id`);--> statement-breakpoint
CREATE INDEX `creations_creativity` ON `creations` (`creativity_avg`,`id`);--> statement-breakpoint
CREATE INDEX `creations_uniqueness` ON `creations` (`uniqueness_avg`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_resets_user` ON `password_resets` (`user_id`);--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`family_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `refresh_tokens_family` ON `refresh_tokens` (`family_id`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_user` ON `refresh_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `scores` (
	`creation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`creativity` integer NOT NULL,
	`uniqueness` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`creation_id`, `user_id`),
	FOREIGN KEY (`creation_id`) REFERENCES `creations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scores_user` ON `scores` (`user_id`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`usage_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text DEFAULT 'user' NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);