// Package configprovider resolves Kafka's config-provider placeholders, ${provider:[path:]key}, in worker and
// connector configurations, so that secrets can live in files, directories or the environment instead of in
// connector JSON.
//
// Providers are declared by worker properties exactly as in Kafka (KIP-297, KIP-421):
//
//	config.providers=file,env,dir
//	config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
//	config.providers.file.param.allowed.paths=/etc/secrets
//	config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
//	config.providers.env.param.allowlist.pattern=DB_.*
//	config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider
//
// Kafka's three built-in providers are implemented (by class name, simple name, or pruned alias such as
// "File"); a class Sluice does not have is a configuration error at start-up. Resolution follows Kafka's
// ConfigTransformer:
//   - the pattern is Kafka's: provider, optional path and key, none containing '}'; a path runs to the first
//     ':' after the provider, so in ${file:/a:b:c} the key is "b:c"; placeholders are not nested or
//     re-scanned;
//   - a placeholder naming an undeclared provider, or a key the provider does not have, is left as written;
//   - a provider that fails to read what exists (an unreadable file, a path given to the env provider) fails
//     the whole resolution, as Kafka's ConfigException does;
//   - a path outside allowed.paths, a missing directory, and an env variable outside allowlist.pattern yield
//     no value (the placeholder stays), with a warning, as in Kafka.
//
// The herder resolves a connector's configuration each time it starts the connector or its tasks, and keeps
// and returns only the raw configuration: resolved values are never stored, logged, or sent over REST
// (Invariant 6). The CLI resolves the worker properties once at start-up the same way.
//
// One deliberate difference: allowlist.pattern is a Go (RE2) regular expression, matched against the whole
// variable name as Java's Matcher.matches does. Patterns using Java-only syntax (look-around,
// back-references, possessive quantifiers) are rejected at start-up instead of being silently misread.
package configprovider
