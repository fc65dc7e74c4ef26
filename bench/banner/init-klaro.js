window.klaroConfig = {
  privacyPolicy: '/privacy',
  lang: 'en',
  services: [
    { name: 'matomo', title: 'Matomo', purposes: ['analytics'], cookies: [/^_pk_/] },
    { name: 'adnet', title: 'AdNet', purposes: ['marketing'], cookies: [/^ad_/] }
  ]
};
