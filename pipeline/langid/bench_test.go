package langid

import (
	"testing"

	"golang.org/x/text/language"
)

// enESPairs are English source segments and what an engine might give back
// for Spanish: translations, the source unchanged, left in English, names
// and numbers, inline codes (private-use runes) and pseudo-localized text.
var enESPairs = [][2]string{
	{"The army has focused on the east of the country.", "El ejército se ha centrado en el este del país."},
	{"Officials said the roads were safe again after the army left.", "Los funcionarios dijeron que las carreteras volvían a ser seguras después de que el ejército se marchara."},
	{"Residents are coming back to their homes after the shelling.", "Los residentes vuelven a sus casas después de los bombardeos."},
	{"More than 5.2 million refugees have registered in Europe since February.", "Más de 5,2 millones de refugiados se han registrado en Europa desde febrero."},
	{"The city council will meet on Tuesday to discuss the new budget.", "El ayuntamiento se reunirá el martes para debatir el nuevo presupuesto."},
	{"Prices rose by 8.6% in May, the fastest pace in four decades.", "Los precios subieron un 8,6% en mayo, el ritmo más rápido en cuatro décadas."},
	{"The central bank raised interest rates by half a point.", "El banco central subió los tipos de interés medio punto."},
	{"Scientists warn that the glaciers could disappear by the end of the century.", "Los científicos advierten de que los glaciares podrían desaparecer antes de que acabe el siglo."},
	{"Thousands of people gathered in the main square on Saturday night.", "Miles de personas se reunieron en la plaza principal el sábado por la noche."},
	{"The minister declined to comment on the report.", "El ministro declinó hacer comentarios sobre el informe."},
	{"Volodymyr Zelensky", "Volodymyr Zelensky"},
	{"Olaf Scholz met Emmanuel Macron in Berlin.", "Olaf Scholz se reunió con Emmanuel Macron en Berlín."},
	{"UNHCR and ISW", "ACNUR e ISW"},
	{"12:30", "12:30"},
	{"Yes.", "Sí."},
	{"Breaking news", "Breaking news"},
	{"Officials counted 12 refugees at the border.", "Officials counted 15 refugees at the border."},
	{"The storm knocked out power to thousands of homes.", "The storm knocked out power to thousands of homes."},
	{"Officials said the roads were safe again after the army left.", "Officials said that the roads were safe again after the army had left."},
	{"The match ended in a draw after extra time.", "The match ended in a draw after extra time."},
	{"Click \ue000here\ue001 to read the full story.", "Haga clic \ue000aquí\ue001 para leer la historia completa."},
	{"Read more on \ue002.", "Lea más en \ue002."},
	{"\ue000\ue001", "\ue000\ue001"},
	{"The army has focused on the east.", "  \ue000 "},
	{"Officials said the roads were safe.", "[Öƒƒîçîáļš šáîð ţĥé ŕöáðš ŵéŕé šáƒé. ·····]"},
	{"Kyiv is the capital.", "Kyiv [Ķýîṽ ·····] es la capital."},
	{"The company reported a profit of $3.4 billion in the second quarter.", "La empresa registró un beneficio de 3.400 millones de dólares en el segundo trimestre."},
	{"The new law comes into force on 1 January 2025.", "La nueva ley entra en vigor el 1 de enero de 2025."},
	{"Rescue teams are still searching for survivors under the rubble.", "Los equipos de rescate siguen buscando supervivientes bajo los escombros."},
	{"The president's speech was interrupted several times by protesters.", "El discurso del presidente fue interrumpido varias veces por manifestantes."},
	{"According to the World Health Organization, cases have fallen.", "Según la Organización Mundial de la Salud, los casos han disminuido."},
	{"Schools will remain closed until further notice.", "Las escuelas permanecerán cerradas hasta nuevo aviso."},
	{"The team won the championship for the third year in a row.", "El equipo ganó el campeonato por tercer año consecutivo."},
	{"Heavy rain caused flooding in several northern provinces.", "Las fuertes lluvias provocaron inundaciones en varias provincias del norte."},
	{"Negotiations between the two sides broke down late on Thursday.", "Las negociaciones entre las dos partes fracasaron el jueves por la noche."},
	{"The museum reopened its doors after a two-year renovation.", "El museo reabrió sus puertas tras una renovación de dos años."},
	{"Mr O'Brien's lawyer said his client would appeal.", "El abogado del señor O'Brien dijo que su cliente recurriría."},
	{"It's a well-known problem, experts say.", "Es un problema bien conocido, según los expertos."},
	{"The airport was closed for six hours.", "El aeropuerto estuvo cerrado durante six hours."},
	{"Firefighters battled the blaze through the night.", "Los bomberos combatieron el incendio durante toda la noche."},
}

// BenchmarkUntranslated is Untranslated's cost on a run's worth of en→es
// segments (one op: every pair of enESPairs once), with language
// identification and without it: the difference is internal/whatlang's
// cost (whatlanggo's before it was ported: the sub-benchmark keeps its
// name), the rest langid's own.
func BenchmarkUntranslated(b *testing.B) {
	noLID := NewJudge(language.English, language.Spanish)
	noLID.lid = nil
	for _, bc := range []struct {
		name string
		j    *Judge
	}{
		{"en-es", NewJudge(language.English, language.Spanish)},
		{"en-es-without-whatlanggo", noLID},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range enESPairs {
					Untranslated(bc.j, p[0], p[1])
				}
			}
		})
	}
}
