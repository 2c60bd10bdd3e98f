// Package archtest holds no code: its test enforces the dependency direction of DESIGN.md, so that the layering
// stays true as the tree grows.
package archtest
