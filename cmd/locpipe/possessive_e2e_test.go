package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	shared "github.com/locpipe/locpipe/internal/testenv"
	"github.com/locpipe/locpipe/pipeline/backend/apertium/apytest"
)

// Issue 13: Apertium eng-cat reads the 's after a name as "has" and glues
// it to the name ("Kiev's mayor" → "Kíevha el batlle"), so an edition said
// "Kyivha". The hand-off sends the possessive as an of-genitive; through
// the command and APy, en→es and en→ca editions have no name glued to a
// suffix, in titles, headings and running text, and check passes them.
func TestTranslatePossessiveNames(t *testing.T) {
	for _, mode := range []string{"eng-spa", "eng-cat"} {
		if _, err := os.Stat("/usr/share/apertium/modes/" + mode + ".mode"); err != nil {
			shared.Skip(t, "install apertium, apertium-eng-spa and apertium-eng-cat (Debian)")
		}
	}
	src := filepath.Join(t.TempDir(), "src")
	require.NoError(t, os.MkdirAll(src, 0o755))
	article := `---
title: "Kiev's Mayor Opens the New Bridge"
---

# Residents Return to Kiev's Northern Suburbs

Kiev's mayor said the plan worked. The shelling of Kiev's suburbs continued,
and Odessa's port reopened on Monday.

Donbass's coal mines closed after Kiev's city council met.
`
	require.NoError(t, os.WriteFile(filepath.Join(src, "possessive.md"), []byte(article), 0o644))
	glued := regexp.MustCompile(`(Kyiv|Kiev|Odesa|Donbas|Donbás)\pL`)
	engines := map[string][]string{"command": nil, "apy": {"LOCPIPE_APERTIUM_URL=" + apytest.Start(t)}}
	for name, env := range engines {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			r := run(t, env, "translate", "--backend", "apertium", "--to", "es,ca", "--no-memory", "--quiet", "--out", out, src)
			require.Equal(t, 0, r.code, r.stderr)
			// The built-in policy: Kiev and Donbás in Spanish, Kyiv and
			// Donbas in Catalan, Odesa in both.
			want := map[string][2]string{"es": {"Kiev", "Donbás"}, "ca": {"Kyiv", "Donbas"}}
			for _, loc := range []string{"es", "ca"} {
				data, err := os.ReadFile(filepath.Join(out, loc, "possessive.md"))
				require.NoError(t, err)
				ed := string(data)
				assert.Empty(t, glued.FindAllString(ed, -1), "%s: a name glued to a suffix:\n%s", loc, ed)
				assert.NotContains(t, ed, "'s", "%s: the English possessive left:\n%s", loc, ed)
				assert.Equal(t, 5, strings.Count(ed, want[loc][0]), "%s: every Kiev per policy:\n%s", loc, ed)
				assert.Contains(t, ed, want[loc][1], loc)
				assert.Contains(t, ed, "Odesa", loc)
			}
			c := run(t, nil, "check", "--to", "es,ca", "--out", out, src)
			assert.Equal(t, 0, c.code, "check: %s", c.stdout)
		})
	}
}
