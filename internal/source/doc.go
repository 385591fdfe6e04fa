// Package source fetches the file a period's snapshot is read from, as the
// report's source says: a file path pattern, an inbox folder where exports
// are dropped, or an HTTP(S) address. It returns the file's original name
// and bytes; reading them is the snapshot package's job.
//
// Stage: source → snapshot → metrics.
//
// Patterns hold {{period}} (2022Q3), {{year}} (2022) and {{quarter}} (3),
// replaced for the period being issued:
//
//	source:
//	  file: data/{{period}}.xlsx
//
//	source:
//	  inbox: /srv/exports          # the file naming 2022Q3 / 2022年第三季度, else the newest
//
//	source:
//	  url: https://platform.example/export?quarter={{year}}-Q{{quarter}}
//	  token_env: PLATFORM_TOKEN    # sent as the Authorization header
//	  timeout: 30s
//	  retries: 3
//	  backoff: 2s
//
// When the export for a period is not there yet (no file, HTTP 404), the
// error matches ErrNotYet, which the scheduled service uses to try again
// later. Other errors are for a person to fix; their messages are Chinese.
package source
