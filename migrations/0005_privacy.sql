CREATE TABLE `consents` (
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`version` integer NOT NULL,
	`granted` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `purpose`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
