package report

// ArchiveSettings are a report's archive options, `archive:` in
// report.yaml. All are optional; without a remote the archive stays local.
//
//	archive:
//	  remote: https://git.example.gov.cn/office/tongbao-archive.git
//	  token_env: BULLETIN_GIT_TOKEN
type ArchiveSettings struct {
	// Remote is the git URL the archive is pushed to after every run,
	// branch and tags, never forced: file:///srv/git/archive.git,
	// git://host/archive.git, https://host/office/archive.git or
	// ssh://git@host/office/archive.git (ssh uses the ssh agent).
	Remote string `yaml:"remote"`
	// User is the HTTP(S) user name; default "bulletin".
	User string `yaml:"user"`
	// TokenEnv names an environment variable holding the HTTP(S) password
	// or access token, so that no secret is written in report.yaml.
	TokenEnv string `yaml:"token_env"`
	// Retries is how many more times a failed push is tried in the same
	// run, with waits of 2 s, 4 s, 8 s…; default 3. A push that still fails
	// is retried by the next run, since every push sends all that the
	// remote lacks.
	Retries *int `yaml:"retries"`
}
