// Pin the time zone so relative and local time labels are deterministic in every run.
process.env.TZ = 'UTC';
