import type { SendRequest } from '../../runtime/src';

/** A SOAP 1.1 request the transport tests send (idempotent, so that retries are allowed). */
export const PING: SendRequest = {
  soapAction: 'urn:t/Ping',
  soapVersion: '1.1',
  body: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>',
  idempotent: true,
};

/** The response their servers send. */
export const PING_RESPONSE =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><PingResponse xmlns="urn:t"/></soap:Body></soap:Envelope>';
