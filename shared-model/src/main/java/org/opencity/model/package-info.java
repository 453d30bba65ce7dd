/**
 * The contract between the Open City backend and its clients: wire records, identifiers, the
 * request state machine and validation rules. Depends on nothing but Jackson annotations, so the
 * mobile app and the server compile against exactly the same types.
 */
package org.opencity.model;
