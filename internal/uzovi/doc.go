// Package uzovi holds the module's one copy of the Vektis UZOVI register (code list
// COD061): the four-digit numbers of zorgverzekeraars, zorgkantoren and regelingen. Package
// cov names insurers with it and ei/validate checks UZOVI-nummers against it.
package uzovi
