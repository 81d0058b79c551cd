package httpx

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"120", 2 * time.Minute, true},
		{"Tue, 24 Nov 2026 18:00:30 GMT", 30 * time.Second, true},
		{"Tue, 24 Nov 2026 17:00:00 GMT", 0, true},
		{"soon", 0, false},
		{"-5", 0, false},
	}
	for _, tt := range tests {
		d, ok := retryAfter(tt.in, now)
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, d, tt.in)
	}
}

func TestScrub(t *testing.T) {
	c := New(Config{Secrets: []string{"sk-abcdef", "ab"}})
	assert.Equal(t, "key [REDACTED] refused; ab stays (too short to scrub)", c.scrub("key sk-abcdef refused; ab stays (too short to scrub)"))
}
