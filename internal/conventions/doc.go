// Package conventions holds no code: its tests check rules of STYLE.md
// that the compiler and the linters do not, over the whole module (every
// package-level sentinel error's message starts with its package name).
package conventions
