// Package segments holds the generated types of the positional parts of eFact messages
// as Vlaamse Sociale Bescherming uses them: seg920000v20 (segments 200 and 300 of the
// facturatiebestand 920000) and segreplyv20 (segment 200, the 300 error segment and the
// 450-character error detail of the replies 931000, 920999, 920098, 920099 and 920900),
// generated from the spec files in ../../specs/segments (framing positional) by the
// project's generator on the shared fixed-width core.
//
// A message holds these records at known places and their text has no record code:
// every zone, the first too, is a field of the generated type. Package vsb reads and
// writes them.
package segments

//go:generate go run ../../../gen generate -specs ../../specs/segments -out . -pkg github.com/zorgbericht/zorgbericht/vsb/efact/segments
