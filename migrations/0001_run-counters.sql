-- Per-job and global counters kept by triggers, so ingest and the summary never scan backup_runs.
-- An INSERT ... ON CONFLICT DO NOTHING that is ignored fires no trigger, so duplicates never count.
INSERT INTO `totals` (`id`, `runs`, `uploaded_bytes`, `other_operations`) VALUES (1, 0, 0, 0);
--> statement-breakpoint
CREATE TRIGGER `backup_runs_after_insert` AFTER INSERT ON `backup_runs` BEGIN
  UPDATE `jobs` SET
    `run_count` = `run_count` + 1,
    `last_run_id` = CASE WHEN `last_begin_time` IS NULL OR NEW.`begin_time` >= `last_begin_time` THEN NEW.`id` ELSE `last_run_id` END,
    `last_status` = CASE WHEN `last_begin_time` IS NULL OR NEW.`begin_time` >= `last_begin_time` THEN NEW.`status` ELSE `last_status` END,
    `last_begin_time` = CASE WHEN `last_begin_time` IS NULL OR NEW.`begin_time` >= `last_begin_time` THEN NEW.`begin_time` ELSE `last_begin_time` END
  WHERE `id` = NEW.`job_id`;
  UPDATE `totals` SET `runs` = `runs` + 1, `uploaded_bytes` = `uploaded_bytes` + NEW.`bytes_uploaded` WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `backup_runs_after_delete` AFTER DELETE ON `backup_runs` BEGIN
  UPDATE `jobs` SET
    `run_count` = max(`run_count` - 1, 0),
    `last_run_id` = CASE WHEN `last_run_id` = OLD.`id` THEN (SELECT `id` FROM `backup_runs` WHERE `job_id` = OLD.`job_id` ORDER BY `begin_time` DESC LIMIT 1) ELSE `last_run_id` END,
    `last_status` = CASE WHEN `last_run_id` = OLD.`id` THEN (SELECT `status` FROM `backup_runs` WHERE `job_id` = OLD.`job_id` ORDER BY `begin_time` DESC LIMIT 1) ELSE `last_status` END,
    `last_begin_time` = CASE WHEN `last_run_id` = OLD.`id` THEN (SELECT `begin_time` FROM `backup_runs` WHERE `job_id` = OLD.`job_id` ORDER BY `begin_time` DESC LIMIT 1) ELSE `last_begin_time` END
  WHERE `id` = OLD.`job_id`;
  UPDATE `totals` SET `runs` = max(`runs` - 1, 0), `uploaded_bytes` = max(`uploaded_bytes` - OLD.`bytes_uploaded`, 0) WHERE `id` = 1;
END;
