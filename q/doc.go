// Package q will hold the insurers' schadelastinformatie deliveries to Vektis (QVE301,
// QVE302): their delivery rules and the warehouse's bookkeeping of re-deliveries.
//
// Nothing is implemented yet. The official layouts of the Q standards are not available
// to this project; when they are added they will be reconstructions and will say so.
package q
