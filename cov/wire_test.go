package cov

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestRequestRoundTrip(t *testing.T) {
	byBSN := Zoekopdracht{Peildatum: NewDate(2026, 3, 2), Geboortedatum: NewDate(1980, 5, 17), BSN: "123456782",
		Postcode: "3511AB", Huisnummer: 12, AGB: "01001234", Rol: RolPraktijk}
	byAddress := Zoekopdracht{Peildatum: NewDate(2026, 3, 2), Geboortedatum: NewDate(1980, 5, 17),
		Postcode: "3511 ab", Huisnummer: 12, Huisnummertoevoeging: "bis", AGB: "01001234", Rol: RolInstelling}

	data, err := encodeRequest(byBSN)
	if err != nil {
		t.Fatal(err)
	}
	xml := string(data)
	for _, want := range []string{"<soap:Envelope", `xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"`, "<soap:Body>",
		`<controleer xmlns="` + covNS + `">`, "<Burgerservicenummer>123456782</Burgerservicenummer>", "<Peildatum>2026-03-02</Peildatum>", "<Rol>Praktijk</Rol>"} {
		if !strings.Contains(xml, want) {
			t.Errorf("request lacks %s:\n%s", want, xml)
		}
	}
	if strings.Contains(xml, "Postcode") || strings.Contains(xml, "3511") {
		t.Errorf("BSN search sends the address too:\n%s", xml)
	}
	back, err := decodeRequest(data)
	if err != nil {
		t.Fatal(err)
	}
	want := byBSN
	want.Postcode, want.Huisnummer = "", 0
	if back != want {
		t.Errorf("round trip: %#v, want %#v", back, want)
	}

	data, err = encodeRequest(byAddress)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "Burgerservicenummer") || !strings.Contains(string(data), "<Postcode>3511AB</Postcode>") {
		t.Errorf("address request:\n%s", data)
	}
	back, err = decodeRequest(data)
	if err != nil || back.Postcode != "3511AB" || back.Huisnummer != 12 || back.Huisnummertoevoeging != "BIS" || back.BSN != "" {
		t.Errorf("address round trip: %+v, %v", back, err)
	}
}

func TestResponseRoundTrip(t *testing.T) {
	r := Zoekresultaat{Overleden: true, Verzekeringen: []Verzekering{
		{UZOVI: 101, Verzekeraar: "Univé", Verzekerdennummer: "X1", Soort: SoortBasis, Ingangsdatum: NewDate(2024, 1, 1), Einddatum: NewDate(2026, 2, 1)},
		{UZOVI: 101, Soort: SoortAanvullend, Pakket: "Extra", Ingangsdatum: NewDate(2024, 1, 1)},
	}}
	data, err := encodeResponse(r)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeResponse(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("round trip:\n got %+v\nwant %+v\n%s", back, r, data)
	}
	data, _ = encodeResponse(Zoekresultaat{BSNOnbekend: true})
	if back, err := decodeResponse(data); err != nil || !back.BSNOnbekend {
		t.Errorf("BSNOnbekend: %+v, %v", back, err)
	}
}

// The reader matches by local name: other prefixes and namespaces, and dates
// with a zone, are read as well.
func TestDecodeResponseTolerant(t *testing.T) {
	const answer = `<?xml version="1.0"?>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header/><S:Body>
<ns2:controleerResponse xmlns:ns2="urn:something-else"><ns2:Zoekresultaat>
  <ns2:Resultaat>Gevonden</ns2:Resultaat><ns2:Overleden>false</ns2:Overleden>
  <ns2:Verzekering><ns2:UZOVINummer>3311</ns2:UZOVINummer><ns2:SoortVerzekering>basis</ns2:SoortVerzekering>
  <ns2:Ingangsdatum>2026-01-01+01:00</ns2:Ingangsdatum></ns2:Verzekering>
</ns2:Zoekresultaat></ns2:controleerResponse></S:Body></S:Envelope>`
	r, err := decodeResponse([]byte(answer))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Verzekeringen) != 1 || r.Verzekeringen[0].UZOVI != 3311 || r.Verzekeringen[0].Ingangsdatum != NewDate(2026, 1, 1) {
		t.Errorf("got %+v", r)
	}
}

func TestDecodeResponseProtocolErrors(t *testing.T) {
	env := func(body string) string {
		return `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>` + body + `</Body></Envelope>`
	}
	for name, data := range map[string]string{
		"not XML":          "<html>oops",
		"empty body":       env(""),
		"unknown result":   env(`<controleerResponse><Zoekresultaat><Resultaat>Misschien</Resultaat></Zoekresultaat></controleerResponse>`),
		"bad UZOVI":        env(`<controleerResponse><Zoekresultaat><Resultaat>Gevonden</Resultaat><Verzekering><UZOVINummer>ZK</UZOVINummer><SoortVerzekering>Basis</SoortVerzekering><Ingangsdatum>2026-01-01</Ingangsdatum></Verzekering></Zoekresultaat></controleerResponse>`),
		"bad soort":        env(`<controleerResponse><Zoekresultaat><Resultaat>Gevonden</Resultaat><Verzekering><UZOVINummer>3311</UZOVINummer><SoortVerzekering>X</SoortVerzekering><Ingangsdatum>2026-01-01</Ingangsdatum></Verzekering></Zoekresultaat></controleerResponse>`),
		"bad date":         env(`<controleerResponse><Zoekresultaat><Resultaat>Gevonden</Resultaat><Verzekering><UZOVINummer>3311</UZOVINummer><SoortVerzekering>Basis</SoortVerzekering><Ingangsdatum>01-01-2026</Ingangsdatum></Verzekering></Zoekresultaat></controleerResponse>`),
		"echoes BSN in it": env(`<controleerResponse><Zoekresultaat><Resultaat>123456782</Resultaat></Zoekresultaat></controleerResponse>`),
	} {
		_, err := decodeResponse([]byte(data))
		if !errors.Is(err, ErrProtocol) {
			t.Errorf("%s: err = %v, want ErrProtocol", name, err)
		}
		if err != nil && strings.Contains(err.Error(), "123456782") {
			t.Errorf("%s: error %q contains a full BSN", name, err)
		}
	}
}

func TestFaults(t *testing.T) {
	for _, kind := range []error{ErrNotAuthenticated, ErrNotAuthorised, ErrUnavailable, ErrInvalidQuery} {
		data, err := encodeFault(kind, "melding")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "<soap:Fault><faultcode>") {
			t.Errorf("fault children should be unqualified:\n%s", data)
		}
		_, err = decodeResponse(data)
		if !errors.Is(err, kind) {
			t.Errorf("fault for %v decodes as %v", kind, err)
		}
	}
	plain := func(code string) []byte {
		return []byte(`<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><e:Fault><faultcode>` + code + `</faultcode><faultstring>x</faultstring></e:Fault></e:Body></e:Envelope>`)
	}
	if _, err := decodeResponse(plain("e:Server")); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Server fault: %v, want ErrUnavailable", err)
	}
	if _, err := decodeResponse(plain("e:Client")); !errors.Is(err, ErrProtocol) {
		t.Errorf("Client fault without detail: %v, want ErrProtocol", err)
	}
}

func TestStatusError(t *testing.T) {
	fault, _ := encodeFault(ErrNotAuthorised, "nee")
	tests := []struct {
		status int
		body   []byte
		header string
		want   error
		after  time.Duration
	}{
		{401, nil, "", ErrNotAuthenticated, 0},
		{403, nil, "", ErrNotAuthorised, 0},
		{500, fault, "", ErrNotAuthorised, 0},
		{500, []byte("internal"), "", ErrUnavailable, 0},
		{503, fault, "7", ErrUnavailable, 7 * time.Second},
		{429, nil, "2", ErrUnavailable, 2 * time.Second},
		{404, nil, "", ErrProtocol, 0},
	}
	for _, tt := range tests {
		resp := &http.Response{StatusCode: tt.status, Header: http.Header{}}
		if tt.header != "" {
			resp.Header.Set("Retry-After", tt.header)
		}
		e := statusError(resp, tt.body)
		if !errors.Is(e, tt.want) || e.StatusCode != tt.status || e.RetryAfter != tt.after {
			t.Errorf("HTTP %d: %v (retry after %s), want %v after %s", tt.status, e, e.RetryAfter, tt.want, tt.after)
		}
	}
}
