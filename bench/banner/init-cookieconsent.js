window.cookieconsent.initialise({
  type: 'opt-in',
  content: { message: 'We and our partners use cookies to measure our audience and show you relevant content.', allow: 'Accept all', deny: 'Reject all', link: 'Privacy policy', href: '/privacy' }
});
