package workbook

import (
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
)

func TestTextWidth(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want float64
	}{
		{"digits", "100.00%", 7},
		{"han", "县发改局", 8},
		{"mixed", "2022年度", 8},
		{"full-width brackets and quotes", "（并列）“+”", 13},
		{"arrow", "↑12", 4},
		{"empty", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textWidth(tt.s); got != tt.want {
				t.Errorf("textWidth(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}

func TestNumFmt(t *testing.T) {
	tests := []struct {
		name string
		ind  *metrics.Indicator
		want string
	}{
		{"rate, 2 decimals", &metrics.Indicator{Percent: true, Precision: 2}, "0.00%"},
		{"rate, whole percent", &metrics.Indicator{Percent: true}, "0%"},
		{"count", &metrics.Indicator{}, "0"},
		{"score, 1 decimal", &metrics.Indicator{Precision: 1}, "0.0"},
		{"negative precision", &metrics.Indicator{Precision: -1}, "0"},
		{"no indicator", nil, "General"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := numFmt(tt.ind); got != tt.want {
				t.Errorf("numFmt = %q, want %q", got, tt.want)
			}
		})
	}
}
