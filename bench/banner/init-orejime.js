window.orejimeConfig = {
  privacyPolicyUrl: '/privacy',
  lang: 'en',
  purposes: [
    { id: 'matomo', title: 'Matomo', description: 'Audience measurement (Acme SAS)', cookies: ['_pk_id', '_pk_ses'] },
    { id: 'adnet', title: 'AdNet', description: 'Personalised advertising (AdNet Ltd)', cookies: [/^ad_/] }
  ]
};
