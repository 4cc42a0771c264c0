/**
 * The simulated WeChat Pay platform's key pair and APIv3 key: published here on purpose, so that
 * every process of a local cloud (the functions' workers, the gateway, tests) signs and verifies
 * simulated notices alike, through the same code as production. Anyone can forge a simulated
 * notice with them, which is why configured.ts selects the simulated provider only under the local
 * cloud (or where WXPAY_SIMULATED=1 says so explicitly), never by default in production.
 */
export const SIMULATED_PLATFORM_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQD7sCQBbosjIn5m
2xmoZ1mHJ4wX1JX8mPbk16qI5fziakJIJvCFp41KsXVCdEilx5z4O5R022vE3sKU
ixoap9Lp84G0QxW7DkK10uFl/kheXjwfil9QrijaHzly0tkIhSYa+mdsmy8eaT26
dV8QeBlwXGqr5GLbh4EjpVeWfza70U1oGB56Vg5gktpNa5wHYut/WODRYMswdXAd
HXsUMAyVJ9aEvM2JOENEb+roo+YdFl8I7A2YX+O3nl6/OmylyyqJENo8yvT41jwj
mzFsIA/DJkgq/4WgPhER9Xw73SGA73EAlsZFMLOpI4+U5MOWPd50iSjSFWhCjvDT
9jzD0tczAgMBAAECggEAZcW9YXjWOVBW5Xd+Qgr8eDrlGrPDLH+cAkA0/KNnJRTL
lYptYtY0O3pTjJoh0CtNzVCmQLSDOPnMm6090n5/OkvVbFNeI6PqFMTfkNMIZ2Ra
knRtA15RNZY/sC8TRK82j90mWhPMM1Nh+xY/6RRvUPCFz9kLonKCJSxUJQ5uzvXP
uZKbMil47fcwFn2iuARBz1Z8ibWnoqOhqia0sBdlEYNWL2dweWqe6dpvhbzGISTs
zgChAZdzcjBsCwQQdh1MEq9c79Ebg82e4cxdoDKy89EHl+bLXY2s9Vn24Zrc9gFA
3gofcTOep75JUDzVxZwOwpSL3vayDInl47u4x3CCCQKBgQD/o+TkMAli99MfzyZa
lvI/Es4PvNA3yrjDoDNDgkOrr8hfZxEYoB8uzOuxH+bUsrRvqhXB45D/LxshRX7Y
IRQZbVrP2LmGxelEUnIeaWT1c+1DI7hbRWL/wdasRyYJf4jCyy3MRlfbJoLwL2pN
WpohbSNSXRVf3DEWwM8K+LR0aQKBgQD8CtKVomsMzI1XJCh3We6euFfK8vR/W/y/
NiVEPccFXxFxXGXjiDNRlRQCXyAnaGRcOOR6EDzNHFqCsQCkH2uugvqs00kVoB5N
BU8BeNLYmIi8h4ItT/ke0VJGV0fYqPb7HFFbiAarlju9nP57mYiUe9WBVgxYOETH
jhF/Ye+LOwKBgGBB8TzuzYoDcO7ITFPOBJc1WHvah7iKT7nxh3wC/8IU5Wju4SQZ
nsQ7iv/d2Ef8pi5pp9mi+4Tq0tdbWKC/C9drMseSfoE94lDEjo3e95Hovc0LFS7g
2J8e+NtTywHGkNNwN+V0Ez7EqIcSA3/u/pxZgPRRcmvu+Fjt7sfdz+0JAoGAceS2
GnYlp8f7ishFHQHfqYul6Ij3YWIBCar/FiJQgCXgrPhS9onCnvgd7aBs2EH9MAtp
e5tAznMkl3BC2Od18osvmc90dDhB2Q4wEHs31DbBe2hEtBMygPGYGz8vsUFRMlIu
lY0XboxZ/Kon+VR8+pQm++YVd/wdYIvbblOkOqcCgYAB4b1u6lgogUs2F6QV4mo/
7WitU3dYLhbb8PQVD7S6SsOAQPuQqo9VziRhyDBvUAv5hnYEJ27MTgEwaCO5AzYB
20MJhJzejhFfFul5SJJbtDi1MbxVd1sohZ74MAl8Sff3AgLIPiHu2pdTGi7oiz6X
9oYBI2DAgBQZAicQ9WALAQ==
-----END PRIVATE KEY-----
`;

export const SIMULATED_PLATFORM_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA+7AkAW6LIyJ+ZtsZqGdZ
hyeMF9SV/Jj25NeqiOX84mpCSCbwhaeNSrF1QnRIpcec+DuUdNtrxN7ClIsaGqfS
6fOBtEMVuw5CtdLhZf5IXl48H4pfUK4o2h85ctLZCIUmGvpnbJsvHmk9unVfEHgZ
cFxqq+Ri24eBI6VXln82u9FNaBgeelYOYJLaTWucB2Lrf1jg0WDLMHVwHR17FDAM
lSfWhLzNiThDRG/q6KPmHRZfCOwNmF/jt55evzpspcsqiRDaPMr0+NY8I5sxbCAP
wyZIKv+FoD4REfV8O90hgO9xAJbGRTCzqSOPlOTDlj3edIko0hVoQo7w0/Y8w9LX
MwIDAQAB
-----END PUBLIC KEY-----
`;

export const SIMULATED_PLATFORM_SERIAL = 'PUB_KEY_ID_SIMULATED0000000000000000';

/** 32 characters, like every APIv3 key. */
export const SIMULATED_APIV3_KEY = 'simulated-apiv3-key-0123456789ab';

export const SIMULATED_MCHID = '1900000109';

/** The paying app of simulated payments when the caller names none. */
export const SIMULATED_APPID = 'wxsimulatedpay000';
