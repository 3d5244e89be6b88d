// Package config is debrief's settings and the machine's defaults that the
// command line and the screen both read: the optional settings file
// ($XDG_CONFIG_HOME/debrief/config.json) with its blame words, review
// agenda and export sections, and the local time zone. Each setting is
// read on its own, so a mistake in one does not stop what needs another;
// a malformed one is an error naming the file and line.
package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
)

// maxBytes bounds the settings file debrief reads.
const maxBytes = 1 << 20

// Path is where debrief's optional settings file lives:
// $XDG_CONFIG_HOME/debrief/config.json, else ~/.config/debrief/config.json.
func Path() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "debrief", "config.json"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", errors.New("cannot find the home folder for the config file: set $XDG_CONFIG_HOME")
	}
	return filepath.Join(home, ".config", "debrief", "config.json"), nil
}

// load finds the config file and reads it into v (see decode); it
// returns the path and the bytes, for messages that name a line.
func load(v any) (path string, data []byte, err error) {
	if path, err = Path(); err != nil {
		return "", nil, err
	}
	data, err = decode(path, v)
	return path, data, err
}

// decode reads the config file at path into v, which names the
// keys its caller wants. A missing or blank file leaves v as it was. It
// returns the file's bytes, for messages that name a line.
func decode(path string, v any) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the config file %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the config file %s: %w", path, unwrapPath(err))
	}
	if len(data) > maxBytes {
		return nil, fmt.Errorf("config file %s is over 1 MiB: is it the right file?", path)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return data, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return data, fmt.Errorf("config file %s:%d: %v: fix the JSON or remove the file", path, lineAt(data, syn.Offset), syn)
		case errors.As(err, &typ):
			field := typ.Field
			if field == "" {
				field = "the file"
			}
			return data, fmt.Errorf("config file %s:%d: %s is %s, want %s", path, lineAt(data, typ.Offset), field,
				article(typ.Value), jsonKind(typ.Type))
		}
		return data, fmt.Errorf("config file %s: %w", path, err)
	}
	return data, nil
}

// lineAt is the line (from 1) of a byte offset.
func lineAt(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// elementLine finds the line where element i of the top-level list key
// starts, for messages; 1 when it cannot tell.
func elementLine(data []byte, key string, i int) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 1
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return 1
		}
		if k != key {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 1
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return 1
		}
		for n := 0; dec.More(); n++ {
			start := dec.InputOffset()
			var elem json.RawMessage
			if dec.Decode(&elem) != nil {
				return 1
			}
			if n == i {
				// The offset is just after the previous token; the element
				// starts at its first byte past commas and spaces.
				rest := data[start:]
				skipped := len(rest) - len(bytes.TrimLeft(rest, ", \t\r\n"))
				return lineAt(data, start+int64(skipped))
			}
		}
		return 1
	}
	return 1
}

// article names a JSON value kind for a message: "a number".
func article(kind string) string {
	switch kind {
	case "array", "object":
		return "an " + kind
	case "null":
		return kind
	}
	return "a " + kind
}

// jsonKind says what JSON a Go type wants.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	case reflect.Struct:
		return "an object"
	}
	return t.String()
}

// unwrapPath drops the path from an *fs.PathError; the message names the
// file already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
