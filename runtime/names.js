'use strict';
// '@wsdl-codegen/runtime/names': what the generator needs from the runtime, without the transport.
module.exports = require('./dist/names');
