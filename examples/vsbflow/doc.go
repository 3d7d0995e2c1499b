// Command vsbflow shows both sides of Vlaamse Sociale Bescherming billing talking to each
// other in one program: a woonzorgcentrum sends a facturatiebestand, the zorgkas validates
// it technically (DF011/DF012) and on content (DF013/DF014), settles it (DF015) and
// orders the payment (DF017); the facility reads every reply and acts on it, including a
// resubmission after a refusal.
//
//	go run ./examples/vsbflow [-o DIR]
//
// With -o the messages are written into DIR as well. All data are invented.
package main
