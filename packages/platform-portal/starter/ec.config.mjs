export { default } from 'platform-portal/expressive-code';
