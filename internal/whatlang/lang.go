// Code copied from github.com/abadojack/whatlanggo v1.0.1 (lang.go), MIT licence: see NOTICE.

package whatlang

// Lang is a language, following ISO 639-3.
type Lang int

// The languages whatlanggo v1.0.1 knows, in its order.
const (
	Afr Lang = iota
	Aka
	Amh
	Arb
	Azj
	Bel
	Ben
	Bho
	Bul
	Ceb
	Ces
	Cmn
	Dan
	Deu
	Ell
	Eng
	Epo
	Est
	Fin
	Fra
	Guj
	Hat
	Hau
	Heb
	Hin
	Hrv
	Hun
	Ibo
	Ilo
	Ind
	Ita
	Jav
	Jpn
	Kan
	Kat
	Khm
	Kin
	Kor
	Kur
	Lav
	Lit
	Mai
	Mal
	Mar
	Mkd
	Mlg
	Mya
	Nep
	Nld
	Nno
	Nob
	Nya
	Ori
	Orm
	Pan
	Pes
	Pol
	Por
	Ron
	Run
	Rus
	Sin
	Skr
	Slv
	Sna
	Som
	Spa
	Srp
	Swe
	Tam
	Tel
	Tgl
	Tha
	Tir
	Tuk
	Tur
	Uig
	Ukr
	Urd
	Uzb
	Vie
	Ydd
	Yor
	Zul
)

// CodeToLang returns the Lang of an ISO 639-3 code, or -1 when the code is
// none of the languages.
func CodeToLang(code string) Lang {
	switch code {
	case "afr":
		return Afr
	case "aka":
		return Aka
	case "amh":
		return Amh
	case "arb":
		return Arb
	case "azj":
		return Azj
	case "bel":
		return Bel
	case "ben":
		return Ben
	case "bho":
		return Bho
	case "bul":
		return Bul
	case "ceb":
		return Ceb
	case "ces":
		return Ces
	case "cmn":
		return Cmn
	case "dan":
		return Dan
	case "deu":
		return Deu
	case "ell":
		return Ell
	case "eng":
		return Eng
	case "epo":
		return Epo
	case "est":
		return Est
	case "fin":
		return Fin
	case "fra":
		return Fra
	case "guj":
		return Guj
	case "hat":
		return Hat
	case "hau":
		return Hau
	case "heb":
		return Heb
	case "hin":
		return Hin
	case "hrv":
		return Hrv
	case "hun":
		return Hun
	case "ibo":
		return Ibo
	case "ilo":
		return Ilo
	case "ind":
		return Ind
	case "ita":
		return Ita
	case "jav":
		return Jav
	case "jpn":
		return Jpn
	case "kan":
		return Kan
	case "kat":
		return Kat
	case "khm":
		return Khm
	case "kin":
		return Kin
	case "kor":
		return Kor
	case "kur":
		return Kur
	case "lav":
		return Lav
	case "lit":
		return Lit
	case "mai":
		return Mai
	case "mal":
		return Mal
	case "mar":
		return Mar
	case "mkd":
		return Mkd
	case "mlg":
		return Mlg
	case "mya":
		return Mya
	case "nep":
		return Nep
	case "nld":
		return Nld
	case "nno":
		return Nno
	case "nob":
		return Nob
	case "nya":
		return Nya
	case "ori":
		return Ori
	case "orm":
		return Orm
	case "pan":
		return Pan
	case "pes":
		return Pes
	case "pol":
		return Pol
	case "por":
		return Por
	case "ron":
		return Ron
	case "run":
		return Run
	case "rus":
		return Rus
	case "sin":
		return Sin
	case "skr":
		return Skr
	case "slv":
		return Slv
	case "sna":
		return Sna
	case "som":
		return Som
	case "spa":
		return Spa
	case "srp":
		return Srp
	case "swe":
		return Swe
	case "tam":
		return Tam
	case "tel":
		return Tel
	case "tgl":
		return Tgl
	case "tha":
		return Tha
	case "tir":
		return Tir
	case "tuk":
		return Tuk
	case "tur":
		return Tur
	case "uig":
		return Uig
	case "ukr":
		return Ukr
	case "urd":
		return Urd
	case "uzb":
		return Uzb
	case "vie":
		return Vie
	case "ydd":
		return Ydd
	case "yor":
		return Yor
	case "zul":
		return Zul
	}
	return -1
}

// Iso6391 returns the ISO 639-1 code of lang, or "" when it has none.
func (lang Lang) Iso6391() string {
	switch lang {
	case Afr:
		return "af"
	case Aka:
		return "ak"
	case Amh:
		return "am"
	case Arb:
		return "ar"
	case Azj: // Azerbaijani iso 639-3 is aze, iso 639-1 az
		return "az"
	case Bel:
		return "be"
	case Ben:
		return "bn"
	case Bho:
		return "bh"
	case Bul:
		return "bg"
	case Ceb: // No iso 639-1 code
		return ""
	case Ces:
		return "cs"
	case Cmn: // No iso 639-1, but http://www.loc.gov/standards/iso639-2/faq.html#24
		return "zh"
	case Dan:
		return "da"
	case Deu:
		return "de"
	case Ell:
		return "el"
	case Eng:
		return "en"
	case Epo:
		return "eo"
	case Est:
		return "et"
	case Fin:
		return "fi"
	case Fra:
		return "fr"
	case Guj:
		return "gu"
	case Hat:
		return "ht"
	case Hau:
		return "ha"
	case Heb:
		return "he"
	case Hin:
		return "hi"
	case Hrv:
		return "hr"
	case Hun:
		return "hu"
	case Ibo:
		return "ig"
	case Ilo: // No iso639-1
		return ""
	case Ind:
		return "id"
	case Ita:
		return "it"
	case Jav:
		return "jv"
	case Jpn:
		return "ja"
	case Kan:
		return "kn"
	case Kat:
		return "ka"
	case Khm:
		return "km"
	case Kin:
		return "rw"
	case Kor:
		return "ko"
	case Kur:
		return "ku"
	case Lav:
		return "lv"
	case Lit:
		return "lt"
	case Mai: // No iso639-1
		return ""
	case Mal:
		return "ml"
	case Mar:
		return "mr"
	case Mkd:
		return "mk"
	case Mlg:
		return "mg"
	case Mya:
		return "my"
	case Nep:
		return "ne"
	case Nld:
		return "nl"
	case Nno:
		return "nn"
	case Nob:
		return "nb"
	case Nya:
		return "ny"
	case Ori:
		return "or"
	case Orm:
		return "om"
	case Pan:
		return "pa"
	case Pes: // No iso639-1
		return ""
	case Pol:
		return "pl"
	case Por:
		return "pt"
	case Ron:
		return "ro"
	case Run:
		return "rn"
	case Rus:
		return "ru"
	case Sin:
		return "si"
	case Skr: // No iso639-1
		return ""
	case Slv:
		return "sl"
	case Sna:
		return "sn"
	case Som:
		return "so"
	case Spa:
		return "es"
	case Srp:
		return "sr"
	case Swe:
		return "sv"
	case Tam:
		return "ta"
	case Tel:
		return "te"
	case Tgl:
		return "tl"
	case Tha:
		return "th"
	case Tir:
		return "ti"
	case Tuk:
		return "tk"
	case Tur:
		return "tr"
	case Uig:
		return "ug"
	case Ukr:
		return "uk"
	case Urd:
		return "ur"
	case Uzb:
		return "uz"
	case Vie:
		return "vi"
	case Ydd: // No iso639-1
		return ""
	case Yor:
		return "yo"
	case Zul:
		return "zu"
	}
	return ""
}

// Iso6393 returns the ISO 639-3 code of lang, or "" when it is none of the
// languages.
func (lang Lang) Iso6393() string {
	switch lang {
	case Afr:
		return "afr"
	case Aka:
		return "aka"
	case Amh:
		return "amh"
	case Arb:
		return "arb"
	case Azj:
		return "azj"
	case Bel:
		return "bel"
	case Ben:
		return "ben"
	case Bho:
		return "bho"
	case Bul:
		return "bul"
	case Ceb:
		return "ceb"
	case Ces:
		return "ces"
	case Cmn:
		return "cmn"
	case Dan:
		return "dan"
	case Deu:
		return "deu"
	case Ell:
		return "ell"
	case Eng:
		return "eng"
	case Epo:
		return "epo"
	case Est:
		return "est"
	case Fin:
		return "fin"
	case Fra:
		return "fra"
	case Guj:
		return "guj"
	case Hat:
		return "hat"
	case Hau:
		return "hau"
	case Heb:
		return "heb"
	case Hin:
		return "hin"
	case Hrv:
		return "hrv"
	case Hun:
		return "hun"
	case Ibo:
		return "ibo"
	case Ilo:
		return "ilo"
	case Ind:
		return "ind"
	case Ita:
		return "ita"
	case Jav:
		return "jav"
	case Jpn:
		return "jpn"
	case Kan:
		return "kan"
	case Kat:
		return "kat"
	case Khm:
		return "khm"
	case Kin:
		return "kin"
	case Kor:
		return "kor"
	case Kur:
		return "kur"
	case Lav:
		return "lav"
	case Lit:
		return "lit"
	case Mai:
		return "mai"
	case Mal:
		return "mal"
	case Mar:
		return "mar"
	case Mkd:
		return "mkd"
	case Mlg:
		return "mlg"
	case Mya:
		return "mya"
	case Nep:
		return "nep"
	case Nld:
		return "nld"
	case Nno:
		return "nno"
	case Nob:
		return "nob"
	case Nya:
		return "nya"
	case Ori:
		return "ori"
	case Orm:
		return "orm"
	case Pan:
		return "pan"
	case Pes:
		return "pes"
	case Pol:
		return "pol"
	case Por:
		return "por"
	case Ron:
		return "ron"
	case Run:
		return "run"
	case Rus:
		return "rus"
	case Sin:
		return "sin"
	case Skr:
		return "skr"
	case Slv:
		return "slv"
	case Sna:
		return "sna"
	case Som:
		return "som"
	case Spa:
		return "spa"
	case Srp:
		return "srp"
	case Swe:
		return "swe"
	case Tam:
		return "tam"
	case Tel:
		return "tel"
	case Tgl:
		return "tgl"
	case Tha:
		return "tha"
	case Tir:
		return "tir"
	case Tuk:
		return "tuk"
	case Tur:
		return "tur"
	case Uig:
		return "uig"
	case Ukr:
		return "ukr"
	case Urd:
		return "urd"
	case Uzb:
		return "uzb"
	case Vie:
		return "vie"
	case Ydd:
		return "ydd"
	case Yor:
		return "yor"
	case Zul:
		return "zul"
	}
	return ""
}

// String returns the English name of lang, or "" when it is none of the
// languages.
func (lang Lang) String() string {
	switch lang {
	case Afr:
		return "Afrikaans"
	case Aka:
		return "Akan"
	case Amh:
		return "Amharic"
	case Arb:
		return "Arabic"
	case Azj:
		return "Azerbaijani"
	case Bel:
		return "Belarusian"
	case Ben:
		return "Bengali"
	case Bho:
		return "Bhojpuri"
	case Bul:
		return "Bulgarian"
	case Ceb:
		return "Cebuano"
	case Ces:
		return "Czech"
	case Cmn:
		return "Mandarin"
	case Dan:
		return "Danish"
	case Deu:
		return "German"
	case Ell:
		return "Greek"
	case Eng:
		return "English"
	case Epo:
		return "Esperanto"
	case Est:
		return "Estonian"
	case Fin:
		return "Finnish"
	case Fra:
		return "French"
	case Guj:
		return "Gujarati"
	case Hat:
		return "Haitian Creole"
	case Hau:
		return "Hausa"
	case Heb:
		return "Hebrew"
	case Hin:
		return "Hindi"
	case Hrv:
		return "Croatian"
	case Hun:
		return "Hungarian"
	case Ibo:
		return "Igbo"
	case Ilo:
		return "Ilocano"
	case Ind:
		return "Indonesian"
	case Ita:
		return "Italian"
	case Jav:
		return "Javanese"
	case Jpn:
		return "Japanese"
	case Kan:
		return "Kannada"
	case Kat:
		return "Georgian"
	case Khm:
		return "Khmer"
	case Kin:
		return "Kinyarwanda"
	case Kor:
		return "Korean"
	case Kur:
		return "Kurdish"
	case Lav:
		return "Latvian"
	case Lit:
		return "Lithuanian"
	case Mai:
		return "Maithili"
	case Mal:
		return "Malayalam"
	case Mar:
		return "Marathi"
	case Mkd:
		return "Macedonian"
	case Mlg:
		return "Malagasy"
	case Mya:
		return "Burmese"
	case Nep:
		return "Nepali"
	case Nld:
		return "Dutch"
	case Nno:
		return "Nynorsk"
	case Nob:
		return "Bokmal"
	case Nya:
		return "Chewa"
	case Ori:
		return "Oriya"
	case Orm:
		return "Oromo"
	case Pan:
		return "Punjabi"
	case Pes:
		return "Persian"
	case Pol:
		return "Polish"
	case Por:
		return "Portuguese"
	case Ron:
		return "Romanian"
	case Run:
		return "Rundi"
	case Rus:
		return "Russian"
	case Sin:
		return "Sinhalese"
	case Skr:
		return "Saraiki"
	case Slv:
		return "Slovene"
	case Sna:
		return "Shona"
	case Som:
		return "Somali"
	case Spa:
		return "Spanish"
	case Srp:
		return "Serbian"
	case Swe:
		return "Swedish"
	case Tam:
		return "Tamil"
	case Tel:
		return "Telugu"
	case Tgl:
		return "Tagalog"
	case Tha:
		return "Thai"
	case Tir:
		return "Tigrinya"
	case Tuk:
		return "Turkmen"
	case Tur:
		return "Turkish"
	case Uig:
		return "Uyghur"
	case Ukr:
		return "Ukrainian"
	case Urd:
		return "Urdu"
	case Uzb:
		return "Uzbek"
	case Vie:
		return "Vietnamese"
	case Ydd:
		return "Yiddish"
	case Yor:
		return "Yoruba"
	case Zul:
		return "Zulu"
	}
	return ""
}
