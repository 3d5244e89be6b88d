package model

// CleanCauseText cleans a cause's typed text and refuses it when empty or
// too long, as every tree operation does.
func CleanCauseText(text string) (string, error) { return cleanCause(text) }
