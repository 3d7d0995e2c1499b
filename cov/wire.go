package cov

// This file is the one place that knows the wire format of the COV web
// service: SOAP 1.1 over HTTPS, service "Controleren Verzekeringsrecht",
// operation controleer, Zoekopdracht (Vektis VZ801) → Zoekresultaat (VZ802).
//
// RECONSTRUCTED. The WSDL ("COVVZ801802_incoming flat.wsdl") and the XSD
// behind it are not public here; what is known is in ../shared/cov/NOTES.md:
// the operation name, the Zoekopdracht/Zoekresultaat entities, the two
// search paths, BSNOnbekend at the level of the Zoekresultaat, the Overleden
// flag, SOAP faults for "niet geauthenticeerd" and "niet geautoriseerd".
// The namespace, the SOAPAction, every element name below, the codes for
// Resultaat and SoortVerzekering and the fault detail codes are our
// reconstruction. When the real WSDL is at hand, correct them here: the
// constants, the struct tags and faultKinds. Nothing outside this file
// depends on them (the fake service in covtest uses this file too, through
// NewSOAPHandler).

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

const (
	soapNS = "http://schemas.xmlsoap.org/soap/envelope/" // SOAP 1.1 (VECOZO added SOAP 1.1 endpoints in uitgave 3)
	// covNS is a placeholder namespace, deliberately not a vecozo.nl one.
	covNS          = "urn:zorgbericht:reconstructed:cov:vz801802"
	soapAction     = `"` + covNS + ":controleer" + `"`
	soapMediaType  = "text/xml; charset=utf-8"
	elemRequest    = "controleer"
	elemResponse   = "controleerResponse"
	wireDateLayout = "2006-01-02" // xs:date; dates are civil dates, no time zone

	resultaatGevonden    = "Gevonden"    // insurances found (possibly none on the peildatum)
	resultaatBSNOnbekend = "BSNOnbekend" // the BSN is not known
)

// Codes of SoortVerzekering.
var soortCodes = map[Soort]string{SoortBasis: "Basis", SoortAanvullend: "Aanvullend"}

// Rol codes are the Dutch names of Rol (Zorgverlener, Praktijk, Instelling).

// faultKinds maps the code in a fault's detail (Foutcode) to an error.
// A fault without a known code maps by faultcode: Server → ErrUnavailable,
// anything else → ErrProtocol.
var faultKinds = []struct {
	code string
	kind error
}{
	{"NietGeauthenticeerd", ErrNotAuthenticated},
	{"NietGeautoriseerd", ErrNotAuthorised},
	{"ServiceNietBeschikbaar", ErrUnavailable},
	{"BSNOnbekend", ErrBSNUnknown},
	{"OngeldigeZoekopdracht", ErrInvalidQuery},
}

// --- envelope ---

// outEnvelope is what we write: the soap: prefix keeps the fault's children
// (faultcode, faultstring, detail) unqualified, as SOAP 1.1 wants.
type outEnvelope struct {
	XMLName xml.Name `xml:"soap:Envelope"`
	SoapNS  string   `xml:"xmlns:soap,attr"`
	Body    struct {
		Request  *wireControleer         `xml:"controleer,omitempty"`
		Response *wireControleerResponse `xml:"controleerResponse,omitempty"`
		Fault    *wireFault              `xml:"soap:Fault,omitempty"`
	} `xml:"soap:Body"`
}

// inEnvelope is what we read; matching is by local name, whatever the
// namespace or prefix.
type inEnvelope struct {
	Body struct {
		Request  *wireControleer         `xml:"controleer"`
		Response *wireControleerResponse `xml:"controleerResponse"`
		Fault    *wireFault              `xml:"Fault"`
	} `xml:"Body"`
}

type wireControleer struct {
	XMLName      xml.Name         // set to {covNS, elemRequest} when writing
	Zoekopdracht wireZoekopdracht `xml:"Zoekopdracht"`
}

type wireControleerResponse struct {
	XMLName       xml.Name          // set to {covNS, elemResponse} when writing
	Zoekresultaat wireZoekresultaat `xml:"Zoekresultaat"`
}

type wireZoekopdracht struct {
	AGBCode              string `xml:"AGBCode"`
	Rol                  string `xml:"Rol"`
	Peildatum            string `xml:"Peildatum"`
	Geboortedatum        string `xml:"Geboortedatum"`
	BSN                  string `xml:"Burgerservicenummer,omitempty"`
	Postcode             string `xml:"Postcode,omitempty"`
	Huisnummer           string `xml:"Huisnummer,omitempty"`
	Huisnummertoevoeging string `xml:"Huisnummertoevoeging,omitempty"`
}

type wireZoekresultaat struct {
	Resultaat     string            `xml:"Resultaat"`
	Overleden     bool              `xml:"Overleden"`
	Verzekeringen []wireVerzekering `xml:"Verzekering"`
}

type wireVerzekering struct {
	UZOVI             string `xml:"UZOVINummer"`
	Naam              string `xml:"NaamVerzekeraar,omitempty"`
	Verzekerdennummer string `xml:"Verzekerdennummer,omitempty"`
	Soort             string `xml:"SoortVerzekering"`
	Pakket            string `xml:"Pakketnaam,omitempty"`
	Ingangsdatum      string `xml:"Ingangsdatum"`
	Einddatum         string `xml:"Einddatum,omitempty"`
}

type wireFault struct {
	Code   string `xml:"faultcode"`
	String string `xml:"faultstring"`
	Detail struct {
		Foutcode string `xml:"Foutcode,omitempty"`
	} `xml:"detail"`
}

func marshalEnvelope(fill func(*outEnvelope)) ([]byte, error) {
	env := outEnvelope{SoapNS: soapNS}
	fill(&env)
	out, err := xml.Marshal(env)
	if err != nil {
		return nil, fmt.Errorf("cov: encoding SOAP envelope: %w", err)
	}
	return append([]byte(xml.Header), out...), nil
}

func unmarshalEnvelope(data []byte) (inEnvelope, error) {
	var env inEnvelope
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&env); err != nil {
		// The decoder's message quotes names from the input: only the line is told.
		var serr *xml.SyntaxError
		if errors.As(err, &serr) {
			return env, fmt.Errorf("%w: the answer is not a SOAP envelope (XML syntax error on line %d)", ErrProtocol, serr.Line)
		}
		return env, fmt.Errorf("%w: the answer is not a SOAP envelope", ErrProtocol)
	}
	return env, nil
}

// --- request ---

// encodeRequest writes q, which must have validated. Only the fields of the
// search path in use are written.
func encodeRequest(q Zoekopdracht) ([]byte, error) {
	w := wireZoekopdracht{
		AGBCode:       string(q.AGB),
		Rol:           q.Rol.String(),
		Peildatum:     q.Peildatum.String(),
		Geboortedatum: q.Geboortedatum.String(),
	}
	if q.UsesBSN() {
		w.BSN = q.BSN.Digits()
	} else {
		w.Postcode, _ = NormalisePostcode(q.Postcode)
		w.Huisnummer = strconv.Itoa(q.Huisnummer)
		w.Huisnummertoevoeging = strings.ToUpper(q.Huisnummertoevoeging)
	}
	return marshalEnvelope(func(e *outEnvelope) {
		e.Body.Request = &wireControleer{XMLName: xml.Name{Space: covNS, Local: elemRequest}, Zoekopdracht: w}
	})
}

// decodeRequest reads a request (the server side, used by NewSOAPHandler).
func decodeRequest(data []byte) (Zoekopdracht, error) {
	env, err := unmarshalEnvelope(data)
	if err != nil {
		return Zoekopdracht{}, err
	}
	if env.Body.Request == nil {
		return Zoekopdracht{}, fmt.Errorf("%w: the SOAP body has no %s element", ErrInvalidQuery, elemRequest)
	}
	w := env.Body.Request.Zoekopdracht
	q := Zoekopdracht{
		AGB:                  AGB(w.AGBCode),
		BSN:                  BSN(w.BSN),
		Postcode:             w.Postcode,
		Huisnummertoevoeging: w.Huisnummertoevoeging,
	}
	var errs []error
	if err := q.Rol.UnmarshalText([]byte(w.Rol)); err != nil {
		errs = append(errs, err)
	}
	if q.Peildatum, err = parseWireDate("Peildatum", w.Peildatum); err != nil {
		errs = append(errs, err)
	}
	if q.Geboortedatum, err = parseWireDate("Geboortedatum", w.Geboortedatum); err != nil {
		errs = append(errs, err)
	}
	if w.Huisnummer != "" {
		if q.Huisnummer, err = strconv.Atoi(w.Huisnummer); err != nil {
			errs = append(errs, fmt.Errorf("cov: Huisnummer is not a number"))
		}
	}
	if len(errs) > 0 {
		return q, fmt.Errorf("%w: %w", ErrInvalidQuery, errors.Join(errs...))
	}
	return q, nil
}

// --- response ---

func encodeResponse(r Zoekresultaat) ([]byte, error) {
	w := wireZoekresultaat{Resultaat: resultaatGevonden, Overleden: r.Overleden}
	if r.BSNOnbekend {
		w.Resultaat = resultaatBSNOnbekend
	}
	for _, v := range r.Verzekeringen {
		w.Verzekeringen = append(w.Verzekeringen, wireVerzekering{
			UZOVI:             v.UZOVI.String(),
			Naam:              v.Verzekeraar,
			Verzekerdennummer: v.Verzekerdennummer.Full(),
			Soort:             soortCodes[v.Soort],
			Pakket:            v.Pakket,
			Ingangsdatum:      v.Ingangsdatum.String(),
			Einddatum:         v.Einddatum.String(),
		})
	}
	return marshalEnvelope(func(e *outEnvelope) {
		e.Body.Response = &wireControleerResponse{XMLName: xml.Name{Space: covNS, Local: elemResponse}, Zoekresultaat: w}
	})
}

// decodeResponse reads an answer. A SOAP fault comes back as a
// *ServiceError; an answer it cannot read wraps ErrProtocol.
func decodeResponse(data []byte) (Zoekresultaat, error) {
	env, err := unmarshalEnvelope(data)
	if err != nil {
		return Zoekresultaat{}, err
	}
	if f := env.Body.Fault; f != nil {
		return Zoekresultaat{}, f.serviceError()
	}
	if env.Body.Response == nil {
		return Zoekresultaat{}, &ServiceError{Kind: ErrProtocol, Detail: "the SOAP body holds neither " + elemResponse + " nor a Fault"}
	}
	w := env.Body.Response.Zoekresultaat
	r := Zoekresultaat{Overleden: w.Overleden}
	switch w.Resultaat {
	case resultaatGevonden:
	case resultaatBSNOnbekend:
		r.BSNOnbekend = true
	default:
		return Zoekresultaat{}, &ServiceError{Kind: ErrProtocol, Detail: fmt.Sprintf("unknown Resultaat (%d characters; expected %s or %s)", len(w.Resultaat), resultaatGevonden, resultaatBSNOnbekend)}
	}
	for i, wv := range w.Verzekeringen {
		v, err := wv.verzekering()
		if err != nil {
			return Zoekresultaat{}, &ServiceError{Kind: ErrProtocol, Detail: fmt.Sprintf("Verzekering %d: %v", i+1, err)}
		}
		r.Verzekeringen = append(r.Verzekeringen, v)
	}
	return r, nil
}

func (w wireVerzekering) verzekering() (Verzekering, error) {
	v := Verzekering{Verzekeraar: w.Naam, Verzekerdennummer: Verzekerdennummer(w.Verzekerdennummer), Pakket: w.Pakket}
	var err error
	if v.UZOVI, err = ParseUZOVI(w.UZOVI); err != nil {
		return v, errors.New("UZOVINummer: expected a number of one to four digits, 0001 to 9999")
	}
	found := false
	for s, code := range soortCodes {
		if strings.EqualFold(code, w.Soort) {
			v.Soort, found = s, true
		}
	}
	if !found {
		return v, fmt.Errorf("unknown SoortVerzekering (%d characters); expected %s or %s", len(w.Soort), soortCodes[SoortBasis], soortCodes[SoortAanvullend])
	}
	if v.Ingangsdatum, err = parseWireDate("Ingangsdatum", w.Ingangsdatum); err != nil {
		return v, err
	}
	if w.Einddatum != "" {
		if v.Einddatum, err = parseWireDate("Einddatum", w.Einddatum); err != nil {
			return v, err
		}
	}
	return v, nil
}

// parseWireDate reads an xs:date, with or without a zone suffix
// ("2026-01-05", "2026-01-05+01:00", "2026-01-05Z"); the zone is dropped,
// as the date is a civil date.
func parseWireDate(field, s string) (Date, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && strings.ContainsAny(s[10:11], "+-Z") {
		s = s[:10]
	}
	d, err := ParseDate(s)
	if err != nil {
		return Date{}, fmt.Errorf("cov: %s: expected a date as YYYY-MM-DD", field)
	}
	return d, nil
}

// --- faults ---

// encodeFault writes a SOAP fault for kind (one of the sentinel errors)
// with a message for people. The message must hold no personal data.
func encodeFault(kind error, message string) ([]byte, error) {
	f := wireFault{Code: "soap:Server", String: message}
	if errors.Is(kind, ErrInvalidQuery) || errors.Is(kind, ErrNotAuthenticated) || errors.Is(kind, ErrNotAuthorised) {
		f.Code = "soap:Client"
	}
	for _, fk := range faultKinds {
		if errors.Is(kind, fk.kind) {
			f.Detail.Foutcode = fk.code
			break
		}
	}
	return marshalEnvelope(func(e *outEnvelope) { e.Body.Fault = &f })
}

// decodeFault returns the SOAP fault in data as a *ServiceError, or nil if
// data holds no fault.
func decodeFault(data []byte) *ServiceError {
	env, err := unmarshalEnvelope(data)
	if err != nil || env.Body.Fault == nil {
		return nil
	}
	return env.Body.Fault.serviceError()
}

func (f *wireFault) serviceError() *ServiceError {
	// Only codes this package knows are kept; the fault string is the
	// service's free text and may echo personal data: it is dropped.
	e := &ServiceError{Detail: "the service answered with a SOAP fault"}
	if n := len(f.String); n > 0 {
		e.Detail += fmt.Sprintf(" (its text, %d characters, is not shown: it may hold personal data)", n)
	}
	if f.Detail.Foutcode != "" {
		for _, fk := range faultKinds {
			if strings.EqualFold(fk.code, strings.TrimSpace(f.Detail.Foutcode)) {
				e.FaultCode, e.Kind = fk.code, fk.kind
				return e
			}
		}
	}
	// faultcode is a QName: "soap:Server", "Server", "SOAP-ENV:Server.Busy".
	code := strings.TrimSpace(f.Code)
	if i := strings.LastIndexByte(code, ':'); i >= 0 {
		code = code[i+1:]
	}
	if i := strings.IndexByte(code, '.'); i >= 0 {
		code = code[:i]
	}
	switch code {
	case "Server", "Client", "VersionMismatch", "MustUnderstand":
		e.FaultCode = code
	default:
		e.FaultCode = "unrecognised"
	}
	if code == "Server" {
		e.Kind = ErrUnavailable
	} else {
		e.Kind = ErrProtocol
	}
	return e
}
