package source

import "unicode/utf8"

var surnameSet = func() map[rune]bool {
	m := make(map[rune]bool, utf8.RuneCountInString(commonSurnames))
	for _, r := range commonSurnames {
		m[r] = true
	}
	return m
}()

func hasCommonSurname(name string) bool {
	if hasCompoundSurname(name) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(name)
	return surnameSet[r]
}

func hasCompoundSurname(name string) bool {
	for _, c := range compoundSurnames {
		if len(name) > len(c) && name[:len(c)] == c {
			return true
		}
	}
	return false
}
