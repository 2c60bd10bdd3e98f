package javafmt

// Trim is String.trim: it strips every char up to U+0020 (the ASCII control characters and the space) from both
// ends, and nothing else — not U+00A0, not U+2028. Kafka trims config values, header strings and SMT settings
// with it, and what it leaves is visible in messages and values.
func Trim(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] <= ' ' {
		i++
	}
	for j > i && s[j-1] <= ' ' {
		j--
	}
	return s[i:j]
}
